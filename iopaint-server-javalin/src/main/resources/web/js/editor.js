// The canvas editor: the current image, the mask painted over it (brush strokes and areas a plugin selected), and an
// undo history of both. Canvases hold the image at its natural size; CSS scales them to fit, so the mask is kept in
// image pixels.

const MASK_COLOR = '#ffcc00'; // drawn opaque; the mask canvas's CSS opacity makes it IOPaint's #ffcc00bb
const PAD = 24;

/** One decoded image, with the file it came from (sent to the server and offered for download). */
export class Picture {
  #dataUrl;

  constructor(image, blob, name) {
    this.image = image;
    this.blob = blob;
    this.name = name;
    this.url = image.src;
  }

  get width() { return this.image.naturalWidth; }
  get height() { return this.image.naturalHeight; }

  /** The file's own bytes as a data URL, so the server sees the original format and metadata. */
  dataUrl() {
    this.#dataUrl ??= new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(new Error(`Could not read ${this.name}: ${reader.error?.message}`));
      reader.readAsDataURL(this.blob);
    });
    return this.#dataUrl;
  }

  static async load(blob, name) {
    const image = new Image();
    image.src = URL.createObjectURL(blob);
    try {
      await image.decode();
    } catch {
      URL.revokeObjectURL(image.src);
      throw new Error(`${name} is not an image this browser can read; open a PNG, JPEG or WebP file`);
    }
    return new Picture(image, blob, name);
  }
}

/** A set of image pixels a plugin selected, drawn in any colour. */
export class Area {
  #stencil;
  #tints = new Map();

  constructor(stencil) {
    this.#stencil = stencil;
  }

  /**
   * The pixels a mask from the server covers (alpha above 0: IOPaint colours selected pixels, leaves others clear).
   * @throws Error when the answer is not an image of the picture's size
   */
  static async fromMask(blob, { width, height }) {
    let bitmap;
    try {
      bitmap = await createImageBitmap(blob);
    } catch {
      throw new Error(`the server answered ${blob.type || 'something'} that is not an image`);
    }
    if (bitmap.width !== width || bitmap.height !== height) {
      bitmap.close();
      throw new Error(`the server answered a ${bitmap.width}×${bitmap.height} mask for a ${width}×${height} image`);
    }
    const stencil = Object.assign(document.createElement('canvas'), { width, height });
    const ctx = stencil.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const pixels = ctx.getImageData(0, 0, width, height);
    const data = pixels.data;
    for (let i = 0; i < data.length; i += 4) {
      const selected = data[i + 3] > 0;
      data[i] = data[i + 1] = data[i + 2] = 255;
      data[i + 3] = selected ? 255 : 0;
    }
    ctx.putImageData(pixels, 0, 0);
    return new Area(stencil);
  }

  /** Paints the area opaque in `color`; each colour is prepared once, as areas are redrawn on every change. */
  draw(ctx, color) {
    let tint = this.#tints.get(color);
    if (!tint) {
      const { width, height } = this.#stencil;
      tint = Object.assign(document.createElement('canvas'), { width, height });
      const tintCtx = tint.getContext('2d');
      tintCtx.drawImage(this.#stencil, 0, 0);
      tintCtx.globalCompositeOperation = 'source-in';
      tintCtx.fillStyle = color;
      tintCtx.fillRect(0, 0, width, height);
      this.#tints.set(color, tint);
    }
    ctx.drawImage(tint, 0, 0);
  }
}

/** One part of the mask: a brush stroke `{size, points}` or an Area. */
function drawMark(ctx, mark, color) {
  if (mark instanceof Area) {
    mark.draw(ctx, color);
  } else {
    drawStroke(ctx, mark, color);
  }
}

function drawStroke(ctx, stroke, color) {
  const [first, ...rest] = stroke.points;
  ctx.fillStyle = ctx.strokeStyle = color;
  ctx.beginPath();
  if (rest.length === 0) {
    ctx.arc(first.x, first.y, stroke.size / 2, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  ctx.lineWidth = stroke.size;
  ctx.lineCap = ctx.lineJoin = 'round';
  ctx.moveTo(first.x, first.y);
  rest.forEach((point) => ctx.lineTo(point.x, point.y));
  ctx.stroke();
}

/**
 * Events: `change` whenever the image, the mask or the history changes; `strokeend` when the user lifts the brush;
 * `imageclick` in click mode, with `detail {x, y, positive}` (the image pixel; positive for a primary click).
 * History entries are immutable `{picture, marks}` snapshots (marks: strokes and areas); every edit pushes one.
 */
export class Editor extends EventTarget {
  brushSize = 40;
  #history = [];
  #index = -1;
  #stroke = null;
  #scale = 1;
  #enabled = true;
  #selecting = false;
  #showingOriginal = false;

  constructor({ stage, imageCanvas, maskCanvas, cursor }) {
    super();
    Object.assign(this, { stage, imageCanvas, maskCanvas, cursor });
    maskCanvas.addEventListener('pointerdown', (e) => this.#begin(e));
    maskCanvas.addEventListener('pointermove', (e) => this.#move(e));
    maskCanvas.addEventListener('pointerup', () => this.#end());
    maskCanvas.addEventListener('pointercancel', () => this.#end());
    maskCanvas.addEventListener('pointerleave', () => { cursor.hidden = true; });
    maskCanvas.addEventListener('contextmenu', (e) => {
      if (this.#selecting) e.preventDefault(); // a right click is a negative click there
    });
    new ResizeObserver(() => this.#layout()).observe(stage.parentElement);
  }

  get #state() { return this.#history[this.#index]; }
  get hasImage() { return this.#index >= 0; }
  get picture() { return this.#state?.picture; }
  get original() { return this.#history[0]?.picture; }
  get hasMask() { return this.hasImage && this.#state.marks.length > 0; }
  get hasResult() { return this.hasImage && this.picture !== this.original; }
  get canUndo() { return this.#index > 0; }
  get canRedo() { return this.#index < this.#history.length - 1; }

  /** Starts over with a new image; the old history is dropped. */
  open(picture) {
    this.#forget(this.#history, [picture]);
    this.#history = [{ picture, marks: [] }];
    this.#index = 0;
    this.#changed();
  }

  /** The server's answer becomes the image to keep painting on; undo brings back the image and its mask. */
  addResult(picture) {
    this.#push({ picture, marks: [] });
  }

  /** Adds an area to the mask, as one step that undo takes back. */
  addArea(area) {
    this.#push({ picture: this.picture, marks: [...this.#state.marks, area] });
  }

  undo() {
    if (!this.canUndo) return;
    this.#index--;
    this.#changed();
  }

  redo() {
    if (!this.canRedo) return;
    this.#index++;
    this.#changed();
  }

  clear() {
    if (this.hasMask) this.#push({ picture: this.picture, marks: [] });
  }

  set enabled(value) {
    this.#enabled = value;
    this.#stroke = null;
    this.stage.classList.toggle('locked', !value);
  }

  /** Click mode: presses on the image become `imageclick` events instead of brush strokes. */
  set selecting(value) {
    this.#selecting = value;
    this.#stroke = null;
    this.cursor.hidden = true;
    this.stage.classList.toggle('selecting', value);
  }

  setBrushSize(size) {
    this.brushSize = Math.max(1, Math.min(200, Math.round(size)));
    this.#sizeCursor();
  }

  /** Shows the first image without the mask while `on`, as IOPaint does while Tab is held. */
  showOriginal(on) {
    if (this.#showingOriginal === on || !this.hasImage) return;
    this.#showingOriginal = on;
    this.stage.classList.toggle('original', on);
    this.#render();
  }

  /** The mask as IOPaint wants it: white on black, PNG, at the image's natural size. */
  maskDataUrl() {
    const { width, height } = this.picture;
    const canvas = Object.assign(document.createElement('canvas'), { width, height });
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    this.#state.marks.forEach((mark) => drawMark(ctx, mark, '#fff'));
    return canvas.toDataURL('image/png');
  }

  #push(state) {
    const dropped = this.#history.splice(this.#index + 1, Infinity, state);
    this.#forget(dropped, this.#history.map((kept) => kept.picture));
    this.#index = this.#history.length - 1;
    this.#changed();
  }

  /** Frees the files of pictures no longer reachable through the history. */
  #forget(states, kept) {
    for (const { picture } of states) {
      if (!kept.includes(picture)) URL.revokeObjectURL(picture.url);
    }
  }

  #changed() {
    this.#layout(); // a plugin's result may have another size than the picture before it
    this.#render();
    this.dispatchEvent(new Event('change'));
  }

  #render() {
    if (!this.hasImage) return;
    const picture = this.#showingOriginal ? this.original : this.picture;
    for (const canvas of [this.imageCanvas, this.maskCanvas]) {
      if (canvas.width !== picture.width || canvas.height !== picture.height) {
        Object.assign(canvas, { width: picture.width, height: picture.height });
      }
    }
    const image = this.imageCanvas.getContext('2d');
    image.clearRect(0, 0, picture.width, picture.height); // a cut-out is transparent where the background was
    image.drawImage(picture.image, 0, 0);
    const mask = this.maskCanvas.getContext('2d');
    mask.clearRect(0, 0, picture.width, picture.height);
    if (!this.#showingOriginal) this.#state.marks.forEach((mark) => drawMark(mask, mark, MASK_COLOR));
  }

  #layout() {
    if (!this.hasImage) return;
    const area = this.stage.parentElement;
    const { width, height } = this.picture;
    const fit = Math.min((area.clientWidth - 2 * PAD) / width, (area.clientHeight - 2 * PAD) / height);
    this.#scale = fit > 0 ? fit : 1;
    this.stage.style.width = `${Math.round(width * this.#scale)}px`;
    this.stage.style.height = `${Math.round(height * this.#scale)}px`;
    this.#sizeCursor();
  }

  #sizeCursor() {
    const diameter = `${this.brushSize * this.#scale}px`;
    Object.assign(this.cursor.style, { width: diameter, height: diameter });
  }

  #toImage(e) {
    const rect = this.maskCanvas.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) * this.maskCanvas.width) / rect.width,
      y: ((e.clientY - rect.top) * this.maskCanvas.height) / rect.height,
    };
  }

  /** The image pixel under the pointer, in whole pixels inside the image. */
  #pixelAt(e) {
    const { x, y } = this.#toImage(e);
    const inside = (value, size) => Math.max(0, Math.min(size - 1, Math.floor(value)));
    return { x: inside(x, this.maskCanvas.width), y: inside(y, this.maskCanvas.height) };
  }

  #begin(e) {
    if (!this.#enabled || !this.hasImage || this.#showingOriginal) return;
    if (this.#selecting) {
      if (e.button !== 0 && e.button !== 2) return;
      // IOPaint's click mode: a primary click adds to the object, a secondary one (right, or Ctrl+click on a Mac)
      // marks what does not belong to it.
      const secondary = e.button === 2 || e.ctrlKey;
      e.preventDefault();
      this.dispatchEvent(new CustomEvent('imageclick', { detail: { ...this.#pixelAt(e), positive: !secondary } }));
      return;
    }
    if (e.button !== 0) return;
    this.maskCanvas.setPointerCapture(e.pointerId);
    this.#stroke = { size: this.brushSize, points: [this.#toImage(e)] };
    drawStroke(this.maskCanvas.getContext('2d'), this.#stroke, MASK_COLOR);
  }

  #move(e) {
    const rect = this.stage.getBoundingClientRect();
    this.cursor.hidden = !this.#enabled || this.#selecting;
    this.cursor.style.transform = `translate(${e.clientX - rect.left}px, ${e.clientY - rect.top}px) translate(-50%, -50%)`;
    if (!this.#stroke) return;
    const last = this.#stroke.points.at(-1);
    const point = this.#toImage(e);
    this.#stroke.points.push(point);
    drawStroke(this.maskCanvas.getContext('2d'), { size: this.#stroke.size, points: [last, point] }, MASK_COLOR);
  }

  #end() {
    const stroke = this.#stroke;
    if (!stroke) return;
    this.#stroke = null;
    this.#push({ picture: this.picture, marks: [...this.#state.marks, stroke] });
    this.dispatchEvent(new Event('strokeend'));
  }
}
