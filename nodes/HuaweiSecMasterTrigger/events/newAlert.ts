import { newRecordsEvent } from './newRecords';

export const newAlert = newRecordsEvent('alerts', 'alertFilters');
