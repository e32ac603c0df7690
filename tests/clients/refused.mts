// Must NOT typecheck: an update with a field of the wrong type, a link type that does not
// exist, and a slug (which never changes). Proves the generated types check something.
import type { components } from './paylink.js';

type Schemas = components['schemas'];

export const wrongType: Schemas['UpdateLinkRequest'] = { title: 5 };
export const unknownKind: Schemas['UpdateLinkRequest'] = { type: 'auction' };
export const slugChange: Schemas['UpdateLinkRequest'] = { slug: 'new-url' };
