export const CDN_PARTS: string[];
export function cdnPartFile(part: string): string;
export const CDN_ON_DEMAND: { module: string; cdn: string };
export function buildCdnParts(options?: { outdir?: string; write?: boolean }): Promise<Record<string, string>>;
