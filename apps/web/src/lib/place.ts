import { i18n } from '../i18n/i18n.ts';
/**
 * A place being written in a form: coordinates as one text (the way maps copy them, "52.5219, 13.4132"),
 * and an optional name and address. The ranges are the server's; only the wording is the form's.
 */
export interface PlaceDraft {
  coordinates: string;
  name: string;
  address: string;
}

export const emptyPlace = (): PlaceDraft => ({ coordinates: '', name: '', address: '' });

export type CoordinatesCheck =
  | { state: 'empty' }
  | { state: 'invalid'; problem: string }
  | { state: 'valid'; latitude: number; longitude: number };

const NUMBER = String.raw`[+-]?(?:\d+(?:[.]\d*)?|[.]\d+)`;
/** Two decimal numbers with a comma, a semicolon or spaces between them. */
const PAIR = new RegExp(String.raw`^(${NUMBER})\s*(?:[,;]|\s)\s*(${NUMBER})$`);

export function checkCoordinates(text: string): CoordinatesCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { state: 'empty' };
  const match = PAIR.exec(trimmed);
  if (!match) return { state: 'invalid', problem: i18n.t('forms.place.shape') };
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (Math.abs(latitude) > 90) return { state: 'invalid', problem: i18n.t('forms.place.latitude') };
  if (Math.abs(longitude) > 180) return { state: 'invalid', problem: i18n.t('forms.place.longitude') };
  return { state: 'valid', latitude, longitude };
}

/** What `messages.send` takes as a location: the checked coordinates, and the name and address if given. */
export interface LocationInput {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** The draft as a location to send, or null while its coordinates are not valid. */
export function placeToSend(draft: PlaceDraft): LocationInput | null {
  const check = checkCoordinates(draft.coordinates);
  if (check.state !== 'valid') return null;
  const name = draft.name.trim();
  const address = draft.address.trim();
  return {
    latitude: check.latitude,
    longitude: check.longitude,
    ...(name ? { name } : {}),
    ...(address ? { address } : {}),
  };
}
