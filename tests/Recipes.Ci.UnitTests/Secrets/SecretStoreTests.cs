using Recipes.Ci.Secrets;
using Recipes.Swarm.Docker;
using TestKit;

namespace Recipes.Ci.UnitTests.Secrets;

public sealed class SecretStoreTests : IDisposable
{
    private readonly TempFolder _folder = new("secret-store");
    private readonly AppName _app = AppName.Parse("ci-store-0123abcd");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Keeps_each_value_once_in_a_file_only_its_user_can_read()
    {
        var store = new SecretStore(Path.Combine(_folder.Path, "secrets"));

        var first = await store.GetOrAddAsync(_app, "db_password", "v1", () => "s3cret-one", CancellationToken.None);
        var again = await store.GetOrAddAsync(_app, "db_password", "v1", () => "s3cret-two", CancellationToken.None);
        var bumped = await store.GetOrAddAsync(_app, "db_password", "v2", () => "s3cret-bumped", CancellationToken.None);

        Assert.Equal("s3cret-one", first);
        Assert.Equal("s3cret-one", again);
        Assert.Equal("s3cret-bumped", bumped);
        var file = Path.Combine(store.Root, _app.Value, "db_password.v1");
        Assert.Equal("s3cret-one", await File.ReadAllTextAsync(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(owner, File.GetUnixFileMode(store.Root));
        Assert.Equal(owner, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        Assert.Equal([("db_password", "v1"), ("db_password", "v2")], store.List(_app).Order());
        Assert.Equal([_app], store.ListApps());

        Assert.True(store.Forget(_app));
        Assert.Null(await store.GetAsync(_app, "db_password", "v1", CancellationToken.None));
        Assert.False(store.Forget(_app));
    }

    [Fact]
    public async Task Concurrent_first_uses_all_get_the_one_value_stored()
    {
        var store = new SecretStore(Path.Combine(_folder.Path, "secrets"));

        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.GetOrAddAsync(_app, "key", "v1", () => $"value-{i}", CancellationToken.None))));

        Assert.Single(values.Distinct());
        Assert.Single(Directory.GetFiles(Path.Combine(store.Root, _app.Value)));
    }

    [Fact]
    public async Task Refuses_keys_and_versions_that_are_not_names()
    {
        var store = new SecretStore(Path.Combine(_folder.Path, "secrets"));
        await Assert.ThrowsAsync<SecretException>(() => store.GetAsync(_app, "../escape", "v1", CancellationToken.None));
        await Assert.ThrowsAsync<SecretException>(() => store.GetAsync(_app, "key", "v1/../../x", CancellationToken.None));
    }
}
