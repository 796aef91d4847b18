// Timestamps on the LlamaCloud face are ISO-8601 strings; the catalog's files and the store object keep numbers.

export const isoFromSeconds = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

export const isoFromMillis = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
