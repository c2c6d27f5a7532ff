export * from './users';
export * from './profiles';
export * from './missions';
export * from './cras';
export * from './invoices';
export * from './notifications';
export * from './portals';
export * from './invoice-sendings';
