/**
 * Area codes the code names, in one place. Everything else about an area (its name,
 * its borough, how many boroughs there are) comes from the data.
 */

/** The City of London as a local authority (LAD/borough, E09). */
export const CITY_CODE = 'E09000001';
/** City of Westminster (borough, E09). */
export const WESTMINSTER_CODE = 'E09000033';
/**
 * Hackney, Kensington and Chelsea, Tower Hamlets (boroughs, E09): their wards changed in
 * May 2014 and lasted until 2018, so the 2014 ward pattern takes them from the 2018
 * boundary file (scripts/lib/boundary-levels.ts).
 */
export const WARDS_2014_FROM_2018_FILE = ['E09000012', 'E09000020', 'E09000030'] as const;
/** The City of London Police force area (PFA, E23). */
export const CITY_FORCE_CODE = 'E23000034';
/** The Metropolitan Police force area (PFA, E23). */
export const MET_FORCE_CODE = 'E23000001';
/** The Greater Manchester Police force area (PFA, E23): missing from two ONS releases. */
export const GMP_FORCE_CODE = 'E23000005';
/** England and Wales (K04), England (E92) and Wales (W92), in the ONS force tables. */
export const ENGLAND_WALES_CODE = 'K04000001';
export const ENGLAND_CODE = 'E92000001';
export const WALES_CODE = 'W92000004';
