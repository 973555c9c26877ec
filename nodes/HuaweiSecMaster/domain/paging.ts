// SecMaster pages with offset+limit and refuses limit+offset >= 10,000.
export const PAGING_WINDOW = 10000;

export const PAGE_SIZE = 100;

/** One page of an offset-paged list: what to ask for next. */
export function nextPage(offset: number, wanted: number): { offset: number; limit: number } | 'window' {
	const limit = Math.min(PAGE_SIZE, wanted);
	if (offset + limit >= PAGING_WINDOW) return 'window';
	return { offset, limit };
}
