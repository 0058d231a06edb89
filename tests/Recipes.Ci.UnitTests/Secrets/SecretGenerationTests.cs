using Recipes.Ci.Secrets;

namespace Recipes.Ci.UnitTests.Secrets;

public sealed class SecretGenerationTests
{
    private const string Sample = """
        TYPE=app
        SECRET_DB_PASSWORD_VERSION=v1 # length=32
        SECRET_API_KEY_VERSION=v2 # length=40 charset=hex
        export SECRET_SYMBOLS_VERSION=v1 # charset=special-chars length=64
        SECRET_PASSPHRASE_VERSION=v1
        SECRET_SMTP_PASSWORD_VERSION=v1 # generate=false
        #SECRET_COMMENTED_OUT_VERSION=v1 # length=8
        """;

    private readonly SecretGenerator _generator = new();

    [Fact]
    public void Reads_the_hint_after_each_secret_version_line()
    {
        var hints = SecretHint.ReadAll(Sample, ".env.sample");

        Assert.Equal(new SecretHint(32, SecretGenerator.Alphanumeric, true), hints["SECRET_DB_PASSWORD_VERSION"]);
        Assert.Equal(new SecretHint(40, SecretGenerator.Hex, true), hints["SECRET_API_KEY_VERSION"]);
        Assert.Equal(new SecretHint(64, SecretGenerator.SpecialChars, true), hints["SECRET_SYMBOLS_VERSION"]);
        Assert.Equal(SecretHint.Default, hints["SECRET_PASSPHRASE_VERSION"]);
        Assert.False(hints["SECRET_SMTP_PASSWORD_VERSION"].Generate);
        Assert.False(hints.ContainsKey("SECRET_COMMENTED_OUT_VERSION"));
    }

    [Fact]
    public void Generates_length_characters_of_the_charset_or_a_passphrase()
    {
        var hints = SecretHint.ReadAll(Sample, ".env.sample");

        var password = _generator.Generate(hints["SECRET_DB_PASSWORD_VERSION"]);
        var hex = _generator.Generate(hints["SECRET_API_KEY_VERSION"]);
        var symbols = _generator.Generate(hints["SECRET_SYMBOLS_VERSION"]);
        var passphrase = _generator.Generate(hints["SECRET_PASSPHRASE_VERSION"]);

        Assert.Matches("^[A-Za-z0-9]{32}$", password);
        Assert.Matches("^[0-9a-f]{40}$", hex);
        Assert.Equal(64, symbols.Length);
        Assert.Matches("^[a-z]{6}(-[a-z]{6}){5}$", passphrase);
        Assert.NotEqual(password, _generator.Generate(hints["SECRET_DB_PASSWORD_VERSION"]));
        Assert.NotEqual(passphrase, _generator.Generate(SecretHint.Default));
    }

    [Fact]
    public void A_hint_that_cannot_be_honoured_is_an_error_naming_the_line()
    {
        var error = Assert.Throws<SecretException>(() => SecretHint.ReadAll("A=1\nSECRET_X_VERSION=v1 # charset=emoji", ".env.sample"));
        Assert.Contains(".env.sample line 2", error.Message);
        Assert.Contains("charset=emoji", error.Message);
        Assert.Contains("hex", error.Message);
        Assert.Throws<SecretException>(() => SecretHint.ReadAll("SECRET_X_VERSION=v1 # length=0", ".env.sample"));
    }
}
