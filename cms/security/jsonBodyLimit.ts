/** The largest JSON body any API route reads; uploads (multipart) keep their own 5 MB limit. */
export const JSON_MAX_BYTES = 1024 * 1024
export const JSON_TOO_LARGE = `The request body is too large: JSON bodies may be at most ${JSON_MAX_BYTES / 1024 / 1024} MB.`
