// Interactive segmentation's click mode: the clicks on one picture, a marker at each, and the area the server
// selected for them, shown as a preview over the image until the user accepts it into the mask or cancels.

const PREVIEW_COLOR = '#3da5ff'; // not the brush's yellow: the preview is not part of the mask yet

export class ObjectSelection {
  #clicks = [];
  #area = null;
  #width = 0;
  #height = 0;

  constructor({ canvas, markers }) {
    Object.assign(this, { canvas, markers });
  }

  get active() { return this.#width > 0; }
  get area() { return this.#area; }
  get positiveClicks() { return this.#clicks.filter((click) => click.positive).length; }
  get negativeClicks() { return this.#clicks.length - this.positiveClicks; }

  /** The clicks as IOPaint's run_plugin_gen_mask takes them: `[[x, y, 1|0], ...]` in image pixels. */
  get wireClicks() { return this.#clicks.map(({ x, y, positive }) => [x, y, positive ? 1 : 0]); }

  /** Enters click mode on a picture, with no clicks yet. */
  start({ width, height }) {
    this.#width = width;
    this.#height = height;
    this.#clicks = [];
    this.#area = null;
    Object.assign(this.canvas, { width, height, hidden: false });
    this.#draw();
  }

  /** Adds a click `{x, y, positive}`; its marker shows at once, the area once the server answers. */
  add(click) {
    this.#clicks.push(click);
    this.#drawMarkers();
  }

  /** Takes back the last click, for when the server could not select with it. */
  dropLast() {
    this.#clicks.pop();
    this.#drawMarkers();
  }

  /** Shows what the server selected for the clicks so far. */
  show(area) {
    this.#area = area;
    this.#draw();
  }

  /** Leaves click mode: clicks, markers and preview go. */
  stop() {
    this.#width = this.#height = 0;
    this.#clicks = [];
    this.#area = null;
    this.canvas.hidden = true;
    this.#draw();
  }

  #draw() {
    const ctx = this.canvas.getContext('2d');
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.#area?.draw(ctx, PREVIEW_COLOR);
    this.#drawMarkers();
  }

  /** Markers are placed in percent of the picture, so they follow the canvases however CSS scales them. */
  #drawMarkers() {
    this.markers.replaceChildren(...this.#clicks.map(({ x, y, positive }) => {
      const marker = document.createElement('span');
      marker.className = `click-marker ${positive ? 'positive' : 'negative'}`;
      marker.style.left = `${((x + 0.5) / this.#width) * 100}%`;
      marker.style.top = `${((y + 0.5) / this.#height) * 100}%`;
      return marker;
    }));
  }
}
