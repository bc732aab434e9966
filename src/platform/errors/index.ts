export { AppException } from './app.exception';
export { AllExceptionsFilter, toErrorResponse, type ErrorBody } from './all-exceptions.filter';
