/** Whether this platform stores doubles little-endian (the t table's bytes and the radix sort's words assume it). */
export const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
