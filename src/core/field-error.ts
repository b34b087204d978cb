// A setting the admin must fix, named by its form field, with what to change.
export type FieldError = { field: string; message: string };
