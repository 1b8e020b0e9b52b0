/**
 * What a person does on Kotha: owners list rooms, clients pay to reach them.
 */
export enum UserRole {
  Client = 'client',
  Owner = 'owner',
}
