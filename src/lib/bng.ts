/**
 * British National Grid (EPSG:27700) to WGS84 and back, with proj4 and the Ordnance
 * Survey's 7-parameter Helmert transformation (OSGB36 to WGS84, good to about 5 m; the
 * OSTN15 grid shift, good to centimetres, is not used: street-level A&E locations are
 * not that precise).
 */
import proj4 from 'proj4';

export const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const conv = proj4(BNG, 'WGS84');

/** [longitude, latitude] of an easting and northing. */
export const bngToWgs84 = (e: number, n: number): [number, number] => {
  const [lon, lat] = conv.forward([e, n]);
  return [lon, lat];
};
/** [easting, northing] of a longitude and latitude. */
export const wgs84ToBng = (lon: number, lat: number): [number, number] => {
  const [e, n] = conv.inverse([lon, lat]);
  return [e, n];
};
