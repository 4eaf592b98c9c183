import { describe, expect, it } from 'vitest';
import { checkCoordinates, placeToSend } from './place.ts';

describe('checkCoordinates', () => {
  it('reads coordinates the way maps copy them', () => {
    const berlin = { state: 'valid', latitude: 52.5219, longitude: 13.4132 };
    expect(checkCoordinates('52.5219, 13.4132')).toEqual(berlin);
    expect(checkCoordinates(' 52.5219,13.4132 ')).toEqual(berlin);
    expect(checkCoordinates('52.5219 13.4132')).toEqual(berlin);
    expect(checkCoordinates('52.5219; 13.4132')).toEqual(berlin);
    expect(checkCoordinates('-33.8568, 151.2153')).toEqual({
      state: 'valid',
      latitude: -33.8568,
      longitude: 151.2153,
    });
    expect(checkCoordinates('  ')).toEqual({ state: 'empty' });
  });

  it('says what is wrong with anything else, naming the number out of range', () => {
    expect(checkCoordinates('Alexanderplatz')).toMatchObject({
      state: 'invalid',
      problem: 'Write the latitude and the longitude in degrees, e.g. 52.5219, 13.4132.',
    });
    expect(checkCoordinates('52.5219')).toMatchObject({ state: 'invalid' });
    expect(checkCoordinates('52,5219, 13,4132')).toMatchObject({ state: 'invalid' });
    expect(checkCoordinates('91, 13')).toMatchObject({
      problem: 'The latitude (the first number) must be between -90 and 90.',
    });
    expect(checkCoordinates('52, -180.5')).toMatchObject({
      problem: 'The longitude (the second number) must be between -180 and 180.',
    });
  });
});

describe('placeToSend', () => {
  it('sends the coordinates with the name and address that were given, trimmed', () => {
    expect(placeToSend({ coordinates: '52.5219, 13.4132', name: ' Shop ', address: '' })).toEqual({
      latitude: 52.5219,
      longitude: 13.4132,
      name: 'Shop',
    });
    expect(placeToSend({ coordinates: '52.5219', name: 'Shop', address: '' })).toBeNull();
  });
});
