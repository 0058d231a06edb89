using Recipes.Swarm.Compose;

namespace Recipes.Swarm.UnitTests.Compose;

public sealed class EnvFileTests
{
    [Fact]
    public void Reads_co_op_cloud_sample_conventions()
    {
        var values = EnvFile.Parse("""
            # a comment
            TYPE=hello
            export DOMAIN=hello.example.com
            SECRET_KEY_VERSION=v1 # length=128
            QUOTED="a \"b\" c"
            LITERAL='$NOT_EXPANDED'
            COMPOSE_FILE="compose.yml"
            COMPOSE_FILE="$COMPOSE_FILE:compose.smtp.yml"
            EMPTY=
            """, ".env.sample");

        Assert.Equal("hello", values["TYPE"]);
        Assert.Equal("hello.example.com", values["DOMAIN"]);
        Assert.Equal("v1", values["SECRET_KEY_VERSION"]);
        Assert.Equal("a \"b\" c", values["QUOTED"]);
        Assert.Equal("$NOT_EXPANDED", values["LITERAL"]);
        Assert.Equal("compose.yml:compose.smtp.yml", values["COMPOSE_FILE"]);
        Assert.Equal("", values["EMPTY"]);
    }

    [Theory]
    [InlineData("JUST_A_WORD", 1)]
    [InlineData("OK=1\n1BAD=2", 2)]
    [InlineData("OK=1\n\nQ=\"unclosed", 3)]
    public void Reports_bad_lines_with_their_number(string text, int line)
    {
        var ex = Assert.Throws<ComposeException>(() => EnvFile.Parse(text, ".env.sample"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(".env.sample", error.File);
        Assert.Equal(line, error.Line);
    }
}
