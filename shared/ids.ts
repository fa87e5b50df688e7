import { v7 as uuidv7 } from 'uuid';

/** A new globally unique, time-ordered id (UUID v7), made where the record is born. */
export function newId(): string {
  return uuidv7();
}
