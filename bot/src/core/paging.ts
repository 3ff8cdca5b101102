/** Cursor paging as every use case's list asks for it and answers it. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface PageResult<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}
