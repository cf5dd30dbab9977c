/** Receives every finished call (metrics): its path, status code, duration, and tenant slug if it resolved one. */
export type CallObserver = (path: string, code: string, seconds: number, tenant?: string) => void;
