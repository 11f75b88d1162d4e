/** The error shape lives in shared/base (the bottom layer every other imports); re-exported here for the contract. */
export * from '../base/errors';
