/**
 * Area codes the code names, in one place. Everything else about an area (its name,
 * its borough, how many boroughs there are) comes from the data.
 */

/** The City of London as a local authority (LAD/borough, E09). */
export const CITY_CODE = 'E09000001';
/** City of Westminster (borough, E09). */
export const WESTMINSTER_CODE = 'E09000033';
/** The City of London Police force area (PFA, E23). */
export const CITY_FORCE_CODE = 'E23000034';
/** The Metropolitan Police force area (PFA, E23). */
export const MET_FORCE_CODE = 'E23000001';
