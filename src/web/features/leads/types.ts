import type { z } from 'zod';
import type { duplicateCandidateSchema } from '../../../shared/contracts/accounts.js';

export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;
