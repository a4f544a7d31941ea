// The offline model's identity, importable without loading the model itself.
export const OFFLINE_MODEL_ID = "offline-parser-v1";
export const OFFLINE_PROVIDER = "offline";
