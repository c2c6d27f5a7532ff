import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

/**
 * French company identifiers and bank details. IBAN and BIC are checked by `ibantools`
 * (ISO 13616 checksum and per-country length, ISO 9362), not by hand.
 */

/**
 * SIREN (9 digits) / SIRET (14 digits) check: the Luhn key INSEE uses. La Poste's
 * establishments (SIREN 356 000 000) are the documented exception: their SIRET's digits
 * sum to a multiple of 5 (INSEE, "Contrôle de validité d'un SIRET").
 * @example isValidSiret('73282932000074') // true
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith('356000000') && value !== '35600000000048') {
    return [...value].reduce((s, d) => s + +d, 0) % 5 === 0;
  }
  return luhn(value);
}

/** SIREN: 9 digits with a Luhn key. */
export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhn(value);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = +digits[digits.length - 1 - i]!;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Removes spaces and upper-cases, as people type IBANs in groups of four. */
export function normalizeIban(value: string): string {
  return electronicFormatIBAN(value) ?? value.replace(/\s+/g, '').toUpperCase();
}

/** A valid IBAN (any SEPA country), spaces allowed. */
export function isValidIban(value: string): boolean {
  return isValidIBAN(normalizeIban(value));
}

/** A valid BIC (8 or 11 characters). */
export function isValidBic(value: string): boolean {
  return isValidBIC(value.replace(/\s+/g, '').toUpperCase());
}
