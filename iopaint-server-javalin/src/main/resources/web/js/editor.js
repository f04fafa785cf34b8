// The canvas editor: the current image, the mask strokes painted over it, and an undo history of both.
// Canvases hold the image at its natural size; CSS scales them to fit, so strokes are kept in image pixels.

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
 * Events: `change` whenever the image, the mask or the history changes; `strokeend` when the user lifts the brush.
 * History entries are immutable `{picture, strokes}` snapshots; every edit pushes one.
 */
export class Editor extends EventTarget {
  brushSize = 40;
  #history = [];
  #index = -1;
  #stroke = null;
  #scale = 1;
  #enabled = true;
  #showingOriginal = false;

  constructor({ stage, imageCanvas, maskCanvas, cursor }) {
    super();
    Object.assign(this, { stage, imageCanvas, maskCanvas, cursor });
    maskCanvas.addEventListener('pointerdown', (e) => this.#begin(e));
    maskCanvas.addEventListener('pointermove', (e) => this.#move(e));
    maskCanvas.addEventListener('pointerup', () => this.#end());
    maskCanvas.addEventListener('pointercancel', () => this.#end());
    maskCanvas.addEventListener('pointerleave', () => { cursor.hidden = true; });
    new ResizeObserver(() => this.#layout()).observe(stage.parentElement);
  }

  get #state() { return this.#history[this.#index]; }
  get hasImage() { return this.#index >= 0; }
  get picture() { return this.#state?.picture; }
  get original() { return this.#history[0]?.picture; }
  get hasStrokes() { return this.hasImage && this.#state.strokes.length > 0; }
  get hasResult() { return this.hasImage && this.picture !== this.original; }
  get canUndo() { return this.#index > 0; }
  get canRedo() { return this.#index < this.#history.length - 1; }

  /** Starts over with a new image; the old history is dropped. */
  open(picture) {
    this.#forget(this.#history, [picture]);
    this.#history = [{ picture, strokes: [] }];
    this.#index = 0;
    this.#layout();
    this.#changed();
  }

  /** The server's answer becomes the image to keep painting on; undo brings back the image and its mask. */
  addResult(picture) {
    this.#push({ picture, strokes: [] });
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
    if (this.hasStrokes) this.#push({ picture: this.picture, strokes: [] });
  }

  set enabled(value) {
    this.#enabled = value;
    this.#stroke = null;
    this.stage.classList.toggle('locked', !value);
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

  /** The mask as IOPaint wants it: white strokes on black, PNG, at the image's natural size. */
  maskDataUrl() {
    const { width, height } = this.picture;
    const canvas = Object.assign(document.createElement('canvas'), { width, height });
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    this.#state.strokes.forEach((stroke) => drawStroke(ctx, stroke, '#fff'));
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
    this.imageCanvas.getContext('2d').drawImage(picture.image, 0, 0);
    const mask = this.maskCanvas.getContext('2d');
    mask.clearRect(0, 0, picture.width, picture.height);
    if (!this.#showingOriginal) this.#state.strokes.forEach((stroke) => drawStroke(mask, stroke, MASK_COLOR));
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

  #begin(e) {
    if (e.button !== 0 || !this.#enabled || !this.hasImage || this.#showingOriginal) return;
    this.maskCanvas.setPointerCapture(e.pointerId);
    this.#stroke = { size: this.brushSize, points: [this.#toImage(e)] };
    drawStroke(this.maskCanvas.getContext('2d'), this.#stroke, MASK_COLOR);
  }

  #move(e) {
    const rect = this.stage.getBoundingClientRect();
    this.cursor.hidden = !this.#enabled;
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
    this.#push({ picture: this.picture, strokes: [...this.#state.strokes, stroke] });
    this.dispatchEvent(new Event('strokeend'));
  }
}
