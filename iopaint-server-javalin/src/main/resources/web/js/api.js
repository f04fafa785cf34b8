// IOPaint's HTTP API on the page's own origin. Every failure becomes an ApiError with a readable message.

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** The server's words for a failed answer: `errors`, else `detail`, else `error` of its JSON body. */
async function failureOf(response) {
  const text = await response.text().catch(() => '');
  let message = '';
  try {
    const body = JSON.parse(text);
    message = readable(body.errors) || readable(body.detail) || readable(body.error);
  } catch {
    message = text.trim().slice(0, 300);
  }
  return new ApiError(message || `The server answered ${response.status} ${response.statusText}`.trim(),
    response.status);
}

function readable(value) {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string') return value;
  // FastAPI-style validation details: [{loc, msg}, ...]
  if (Array.isArray(value)) return value.map((item) => item?.msg ?? JSON.stringify(item)).join('; ');
  return JSON.stringify(value);
}

async function call(path, init = {}) {
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch (cause) {
    throw new ApiError(`The server cannot be reached (${cause.message}); is iopaint still running?`, 0);
  }
  if (!response.ok) throw await failureOf(response);
  return response;
}

function postJson(path, body) {
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function serverConfig() {
  return (await call('/server-config')).json();
}

export async function currentModel() {
  return (await call('/model')).json();
}

/** Switches the server's model; answers the new model's ModelInfo. */
export async function switchModel(name) {
  return (await postJson('/model', { name })).json();
}

/** Runs the current model; answers the result image and the seed the server used. */
export async function inpaint(request) {
  const response = await postJson('/inpaint', request);
  return { blob: await response.blob(), seed: response.headers.get('X-Seed') };
}

/** Runs a plugin that makes an image (RemoveBG: the cut-out with alpha); answers the PNG. */
export async function runPluginGenImage(name, image, scale) {
  return (await postJson('/run_plugin_gen_image', { name, image, scale })).blob();
}

/** Runs a plugin that makes a mask from clicks `[[x, y, 1|0], ...]`; answers the mask as an RGBA PNG. */
export async function runPluginGenMask(name, image, clicks) {
  return (await postJson('/run_plugin_gen_mask', { name, image, clicks })).blob();
}
