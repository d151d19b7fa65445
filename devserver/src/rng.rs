//! A tiny deterministic PRNG (splitmix64) and Rocket.Chat-style id generation.

/// Meteor's `Random.id()` alphabet (no 0, 1, I, O, U, V, l).
pub const ID_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
/// Meteor's `Random.secret()` alphabet (base64url).
const SECRET_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-ish integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    fn string(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| *self.pick(alphabet) as char).collect()
    }

    /// A 17-character Rocket.Chat id.
    pub fn id(&mut self) -> String {
        self.string(ID_ALPHABET, 17)
    }

    /// A 43-character login token (like Meteor's `Random.secret()`).
    pub fn token(&mut self) -> String {
        self.string(SECRET_ALPHABET, 43)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_alphabet() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let ida = a.id();
        assert_eq!(ida, b.id());
        assert_eq!(ida.len(), 17);
        assert!(ida.bytes().all(|c| ID_ALPHABET.contains(&c)));
        assert_ne!(Rng::new(1).id(), Rng::new(2).id());
        assert_eq!(a.token().len(), 43);
    }
}
