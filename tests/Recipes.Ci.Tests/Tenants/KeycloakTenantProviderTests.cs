using System.Net;
using System.Text.Json.Nodes;
using Recipes.Ci.Catalog;
using Recipes.Ci.Tenants;
using TestKit.Keycloak;

namespace Recipes.Ci.Tests.Tenants;

[Trait("Category", "Services")]
public sealed class KeycloakTenantProviderTests : IAsyncLifetime
{
    private KeycloakFake _fake = null!;
    private KeycloakProviderFactory _factory = null!;

    private KeycloakTenantProvider Provider => _factory.Provider;

    public async Task InitializeAsync()
    {
        _fake = await KeycloakFake.StartAsync();
        _factory = new KeycloakProviderFactory(_fake);
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _fake.DisposeAsync();
    }

    private static TenantRequest AppRequest() => new(
        [new JsonObject { ["clientId"] = "app", ["secret"] = "s3cret", ["redirectUris"] = new JsonArray("*") }],
        [new JsonObject { ["username"] = "alice", ["enabled"] = true }]);

    [Fact]
    public async Task Creates_a_realm_per_run_by_import_with_clients_users_and_a_creation_record()
    {
        var run = RunId.Parse("run1");
        var tenant = await Provider.CreateAsync(run, AppRequest(), CancellationToken.None);

        Assert.Equal("ci-run1", tenant.Name);
        var realm = _fake.Realm("ci-run1")!;
        Assert.True((bool)realm["enabled"]!);
        Assert.Equal("app", (string?)realm["clients"]![0]!["clientId"]);
        Assert.Equal("alice", (string?)realm["users"]![0]!["username"]);
        Assert.Equal("run1", (string?)realm["attributes"]!["recipeci.runId"]);
        var recorded = DateTimeOffset.Parse((string)realm["attributes"]!["recipeci.createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(tenant.CreatedAt, recorded);
        Assert.Equal(tenant.CreatedAt, await Provider.CreatedAtAsync(run, CancellationToken.None));
        Assert.Equal("ci-run1", tenant.Environment["TENANT_REALM"]);
        Assert.Equal(new Uri(_fake.BaseUrl, "realms/ci-run1").AbsoluteUri, tenant.Environment["TENANT_ISSUER"]);
        Assert.Equal(["ci-run1"], (await Provider.ListAsync(CancellationToken.None)).Select(t => t.Name));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Creating_an_existing_realm_succeeds_on_409_and_on_the_26_2_4_400(bool badRequest)
    {
        _fake.DuplicateAsBadRequest = badRequest;
        var run = RunId.Parse("dup");
        var first = await Provider.CreateAsync(run, AppRequest(), CancellationToken.None);

        var second = await Provider.CreateAsync(run, AppRequest(), CancellationToken.None);

        Assert.Equal(first.Name, second.Name);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Single(_fake.RealmNames, n => n == "ci-dup");
    }

    [Fact]
    public async Task A_400_that_is_not_about_an_existing_realm_is_an_error()
    {
        _fake.FailNext(1, HttpStatusCode.BadRequest, "Invalid client redirect URI");

        var error = await Assert.ThrowsAsync<KeycloakException>(() => Provider.CreateAsync(RunId.Parse("bad"), AppRequest(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("Invalid client redirect URI", error.Message);
    }

    [Fact]
    public async Task Delete_is_idempotent()
    {
        var run = RunId.Parse("del");
        await Provider.CreateAsync(run, TenantRequest.Empty, CancellationToken.None);

        Assert.True(await Provider.DeleteAsync(run, CancellationToken.None));
        Assert.False(await Provider.DeleteAsync(run, CancellationToken.None));
        Assert.DoesNotContain("ci-del", _fake.RealmNames);
        Assert.Null(await Provider.CreatedAtAsync(run, CancellationToken.None));
    }

    [Fact]
    public async Task The_token_is_renewed_before_it_expires()
    {
        _fake.TokenLifetime = TimeSpan.FromSeconds(2);

        await Provider.CreateAsync(RunId.Parse("t1"), TenantRequest.Empty, CancellationToken.None);
        await Provider.ListAsync(CancellationToken.None);
        Assert.Equal(1, _fake.TokensIssued);
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await Provider.DeleteAsync(RunId.Parse("t1"), CancellationToken.None);

        Assert.Equal(2, _fake.TokensIssued);
        Assert.Equal(0, _fake.RejectedTokens);
    }

    [Fact]
    public async Task Transient_lock_timeouts_are_retried()
    {
        _fake.FailNext(3);

        var tenant = await Provider.CreateAsync(RunId.Parse("retry"), TenantRequest.Empty, CancellationToken.None);

        Assert.Contains(tenant.Name, _fake.RealmNames);
        _fake.FailNext(2, HttpStatusCode.ServiceUnavailable);
        Assert.True(await Provider.DeleteAsync(RunId.Parse("retry"), CancellationToken.None));
    }

    [Fact]
    public async Task Persistent_failures_end_in_an_error_naming_the_operation_and_message()
    {
        _fake.FailNext(100);

        var error = await Assert.ThrowsAsync<KeycloakException>(() => Provider.DeleteAsync(RunId.Parse("gone"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Contains("delete realm ci-gone", error.Message);
        Assert.Contains("Lock wait timeout", error.Message);
    }

    [Fact]
    public async Task Bad_admin_credentials_are_refused_with_invalid_grant_and_not_retried()
    {
        using var wrong = new KeycloakProviderFactory(_fake, password: "wrong");

        var error = await Assert.ThrowsAsync<KeycloakException>(() => wrong.Provider.ListAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("invalid_grant", error.Message);
        Assert.DoesNotContain("wrong", error.Message);
    }

    [Fact]
    public async Task Two_concurrent_runs_get_distinct_realms()
    {
        var runs = new[] { RunId.Parse("aaaa1111"), RunId.Parse("bbbb2222") };

        var tenants = await Task.WhenAll(runs.Select(r => Provider.CreateAsync(r, AppRequest(), CancellationToken.None)));

        Assert.Equal(["ci-aaaa1111", "ci-bbbb2222"], tenants.Select(t => t.Name).Order());
        Assert.All(tenants, t => Assert.Contains(t.Name, _fake.RealmNames));
        await Task.WhenAll(runs.Select(r => Provider.DeleteAsync(r, CancellationToken.None)));
        Assert.Equal(["master"], _fake.RealmNames);
    }

    [Fact]
    public async Task Only_ci_realms_are_listed()
    {
        _fake.SeedRealm(new JsonObject { ["realm"] = "customers" });
        _fake.SeedRealm(new JsonObject { ["realm"] = "ci-" });
        _fake.SeedRealm(new JsonObject { ["realm"] = "ci-Upper" });
        await Provider.CreateAsync(RunId.Parse("mine"), TenantRequest.Empty, CancellationToken.None);

        Assert.Equal(["ci-mine"], (await Provider.ListAsync(CancellationToken.None)).Select(t => t.Name));
    }

    [Fact]
    public async Task Admin_calls_without_a_token_are_refused_by_the_fake()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_fake.BaseUrl, "admin/realms"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
