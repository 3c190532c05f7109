// Entry of the WebAssembly kernel module (compiled by build.mjs). Every export takes byte
// pointers into the imported memory; see ../kernels.ts for each kernel's contract.

export { packedSize, packB, gemmPacked, gemm, gemmScratchSize, transpose } from './gemm';
export { broadcastRows, copy, add, multiply, fill, columnSums } from './vector';
export { rnnForward, rnnBackward, lstmForward, lstmBackward, gruForward, gruBackward } from './cells';
