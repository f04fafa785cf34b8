# Makes fruits-u2netp-mask.png: what IOPaint's RemoveBG (rembg's u2netp session) answers for
# testdata/photos/fruits.jpg, computed step by step as rembg does it, to check our Java port against.
#   IOPaint (plugins/remove_bg.py) converts the RGB image to BGR and passes it to rembg.remove(only_mask=True),
#   which wraps the array in a PIL image taken as RGB (so the network sees B, G, R in its R, G, B slots).
#   rembg's BaseSession.normalize: resize to 320x320 with LANCZOS, divide by the image's max, subtract
#   (0.485, 0.456, 0.406) and divide by (0.229, 0.224, 0.225) per slot, NCHW float32.
#   rembg's U2netpSession.predict: first output [:, 0], min-max normalised, *255 -> uint8, LANCZOS back to size.
# Run with numpy, Pillow and onnxruntime installed:
#   python make_reference.py u2netp.onnx ../../../../../../../../testdata/photos/fruits.jpg fruits-u2netp-mask.png
import sys

import numpy as np
import onnxruntime
from PIL import Image

model, photo, out = sys.argv[1:4]
session = onnxruntime.InferenceSession(model, providers=["CPUExecutionProvider"])

bgr = np.array(Image.open(photo).convert("RGB"))[:, :, ::-1].copy()
image = Image.fromarray(bgr)
small = np.array(image.resize((320, 320), Image.LANCZOS)).astype(np.float64)
small /= max(np.max(small), 1e-6)
mean, std = np.array([0.485, 0.456, 0.406]), np.array([0.229, 0.224, 0.225])
tensor = ((small - mean) / std).transpose((2, 0, 1))[np.newaxis].astype(np.float32)
saliency = session.run(None, {session.get_inputs()[0].name: tensor})[0][:, 0, :, :]
saliency = np.squeeze((saliency - np.min(saliency)) / (np.max(saliency) - np.min(saliency)))
matte = Image.fromarray((saliency * 255).astype(np.uint8), mode="L").resize(image.size, Image.LANCZOS)
matte.save(out)
