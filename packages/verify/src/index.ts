export * from './base64url';
export * from './ed25519';
export * from './jws';
export * from './certificate';
export * from './url';
export * from './status';
export * from './draw';
export * from './transparency-log';
