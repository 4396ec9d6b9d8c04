/** Field errors of the ingest API (and every other JSON body): the domain's one formatter. */
export { describeFieldErrors, fieldErrors, type FieldError } from '@sunlight/domain/errors';
