import { newRecordsEvent } from './newRecords';

/** Incidents are searched like alerts (POST WS/soc/incidents/search, the same DataobjectSearch body). */
export const newIncident = newRecordsEvent('incidents', 'incidentFilters');
