/**
 * The CLI's one door to lib/knowledge: advice for a verdict (advise) and explanations for a
 * pasted code, token or bounce (lookup). Kept as its own module so the rest of cli/ does not
 * depend on where the knowledge base lives.
 */
export { advise, lookup } from '../lib/knowledge';
