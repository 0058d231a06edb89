using System.Security.Cryptography;

namespace Recipes.Ci.Secrets;

/// <summary>
/// Generates secret values as abra does: <see cref="SecretHint.Length"/> random characters from the hint's charset,
/// or without a length a passphrase of random pronounceable words joined by dashes (about 115 bits). Uses the
/// operating system's cryptographic random source.
/// </summary>
public sealed class SecretGenerator
{
    public const string Alphanumeric = "alphanumeric";
    public const string Hex = "hex";
    public const string SpecialChars = "special-chars";

    public static readonly IReadOnlyList<string> Charsets = [Alphanumeric, "default", Hex, SpecialChars, "special"];

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Consonants = "bcdfghjklmnprstvz";
    private const string Vowels = "aeiou";
    private const int PassphraseWords = 6;
    private const int SyllablesPerWord = 3;

    public static bool IsKnownCharset(string charset) => Charsets.Contains(charset);

    public string Generate(SecretHint hint) => hint.Length is { } length
        ? RandomNumberGenerator.GetString(Alphabet(hint.Charset), length)
        : Passphrase();

    private static string Alphabet(string charset) => charset switch
    {
        Hex => "0123456789abcdef",
        SpecialChars or "special" => Letters + "!#%+,-./:=?@^_~",
        _ => Letters,
    };

    // Consonant-vowel syllables: 17 * 5 = 85 per syllable, 18 syllables, log2(85^18) ~ 115 bits.
    private static string Passphrase() => string.Join('-', Enumerable.Range(0, PassphraseWords).Select(_ =>
        string.Concat(Enumerable.Range(0, SyllablesPerWord).Select(_ =>
            $"{Consonants[RandomNumberGenerator.GetInt32(Consonants.Length)]}{Vowels[RandomNumberGenerator.GetInt32(Vowels.Length)]}"))));
}
