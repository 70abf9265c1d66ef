/**
 * The demo customers' identifiers as customers type them (README, "Demo
 * customers"), for conversations driven in tests.
 */
export const JORDAN_SSN = '401227788';
export const CIVIC = '4100020001';
export const CIVIC_VIN = '2HGFE2F5XMH512345';
export const JEEP = '4100020005';
export const MARIA_SSN = '533182046';
export const F150 = '4100020002';
export const F150_VIN = '1FTEW1EP5LFA67890';
export const PRIYA_SSN = '612093345';
export const TESLA = '4100020003';
export const BLUE_RIDGE_EIN = '561234567';
export const TACOMA = '4100020004';
export const TACOMA_VIN = '3TMCZ5AN0NM487120';
