import { z } from 'zod';
import { outputFileNameProblem } from '../../node/outputFolder/outputFileName.js';

/** Output folder tokens are UUIDs main issued when the user chose the folder; anything else is refused before a lookup. */
export const outputFolderTokenSchema = z.uuid({ message: 'not a folder token Pastiche issued' });

/** A plain file name inside an output folder (never a path: no separators, no ".."). */
export const outputFileNameSchema = z
  .string()
  .max(1024)
  .superRefine((name, issue) => {
    const problem = outputFileNameProblem(name);
    if (problem) issue.addIssue({ code: 'custom', message: problem });
  });
