using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TestKit.Keycloak;

/// <summary>
/// An in-process fake of the parts of Keycloak's Admin REST API (Quarkus layout) that recipeci uses, answering
/// as Keycloak documents them: the admin token by password grant on realm master with client admin-cli, realm list
/// (brief or full), create by import, get and delete, Bearer auth on every admin endpoint. Duplicate realms get
/// 409 <c>{"errorMessage":"Realm X already exists"}</c>, or the 400 of Keycloak 26.2.4 when
/// <see cref="DuplicateAsBadRequest"/> is set. <see cref="FailNext"/> injects transient server errors.
/// Runs on 127.0.0.1 on a free port.
/// </summary>
public sealed class KeycloakFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _realms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _failureGate = new();
    private int _failuresLeft;
    private HttpStatusCode _failureStatus;
    private string _failureMessage = "";
    private int _tokensIssued;
    private int _rejectedTokens;

    private KeycloakFake(WebApplication app)
    {
        _app = app;
        _realms["master"] = new JsonObject { ["id"] = "master", ["realm"] = "master", ["enabled"] = true, ["displayName"] = "Keycloak" };
    }

    public string AdminUser { get; init; } = "admin";

    public string AdminPassword { get; init; } = "admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Lifetime of issued tokens (Keycloak's default is 60 s); sent as whole seconds in <c>expires_in</c>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Answer a duplicate realm with 400 and the same message, as Keycloak 26.2.4 did (keycloak#39753).</summary>
    public bool DuplicateAsBadRequest { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Admin calls refused with 401 because their token was missing, unknown or expired.</summary>
    public int RejectedTokens => Volatile.Read(ref _rejectedTokens);

    public IReadOnlyList<string> RealmNames => _realms.Keys.Order(StringComparer.Ordinal).ToList();

    public JsonObject? Realm(string name) => _realms.TryGetValue(name, out var realm) ? (JsonObject)realm.DeepClone() : null;

    /// <summary>Puts a realm in place directly, e.g. one left behind by a crashed run, with attributes of the test's choosing.</summary>
    public void SeedRealm(JsonObject representation)
    {
        var copy = (JsonObject)representation.DeepClone();
        copy["id"] ??= Guid.NewGuid().ToString();
        _realms[(string)copy["realm"]!] = copy;
    }

    /// <summary>The next <paramref name="count"/> admin calls answer <paramref name="status"/> with a lock-timeout message.</summary>
    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.InternalServerError,
        string message = "Lock wait timeout exceeded; try restarting transaction")
    {
        lock (_failureGate)
        {
            _failuresLeft = count;
            _failureStatus = status;
            _failureMessage = message;
        }
    }

    public static async Task<KeycloakFake> StartAsync(string adminUser = "admin", string? adminPassword = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = adminPassword is null ? new KeycloakFake(app) { AdminUser = adminUser } : new KeycloakFake(app) { AdminUser = adminUser, AdminPassword = adminPassword };
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/realms/{realm}/protocol/openid-connect/token", Token);
        var admin = app.MapGroup("/admin/realms").AddEndpointFilter(async (context, next) =>
        {
            if (!Authorized(context.HttpContext.Request))
            {
                Interlocked.Increment(ref _rejectedTokens);
                return Results.Json(new { error = "HTTP 401 Unauthorized" }, statusCode: 401);
            }
            return TakeFailure() is { } failure ? failure : await next(context);
        });
        admin.MapGet("", (bool? briefRepresentation) => Results.Json(RealmNames.Select(n => briefRepresentation == true ? Brief(_realms[n]) : _realms[n]).ToList()));
        admin.MapPost("", CreateRealm);
        admin.MapGet("/{realm}", (string realm) => _realms.TryGetValue(realm, out var found)
            ? Results.Json(found)
            : Results.Json(new { error = "Realm not found." }, statusCode: 404));
        admin.MapDelete("/{realm}", (string realm) => _realms.TryRemove(realm, out _)
            ? Results.NoContent()
            : Results.Json(new { error = "Realm not found." }, statusCode: 404));
    }

    private async Task<IResult> Token(string realm, HttpRequest request)
    {
        if (realm != "master") return Results.Json(new { error = "Realm does not exist" }, statusCode: 404);
        if (!request.HasFormContentType) return Results.Json(new { error = "invalid_request", error_description = "Missing form parameter: grant_type" }, statusCode: 400);
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "password")
            return Results.Json(new { error = "unsupported_grant_type", error_description = "Unsupported grant_type" }, statusCode: 400);
        if (form["client_id"] != "admin-cli")
            return Results.Json(new { error = "invalid_client", error_description = "Invalid client or Invalid client credentials" }, statusCode: 401);
        if (form["username"] != AdminUser || form["password"] != AdminPassword)
            return Results.Json(new { error = "invalid_grant", error_description = "Invalid user credentials" }, statusCode: 401);

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = DateTimeOffset.UtcNow + TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        var seconds = (int)Math.Max(1, TokenLifetime.TotalSeconds);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["expires_in"] = seconds,
            ["refresh_expires_in"] = seconds * 30,
            ["refresh_token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            ["token_type"] = "Bearer",
            ["not-before-policy"] = 0,
            ["session_state"] = Guid.NewGuid().ToString(),
            ["scope"] = "profile email",
        });
    }

    private async Task<IResult> CreateRealm(HttpRequest request)
    {
        JsonObject? representation;
        try
        {
            representation = await request.ReadFromJsonAsync<JsonObject>();
        }
        catch (System.Text.Json.JsonException)
        {
            return Results.Json(new { errorMessage = "Failed to parse realm representation" }, statusCode: 400);
        }
        var name = (string?)representation?["realm"];
        if (representation is null || string.IsNullOrWhiteSpace(name)) return Results.Json(new { errorMessage = "Realm name cannot be empty" }, statusCode: 400);
        representation["id"] ??= Guid.NewGuid().ToString();
        if (!_realms.TryAdd(name, representation))
            return Results.Json(new { errorMessage = $"Realm {name} already exists" }, statusCode: DuplicateAsBadRequest ? 400 : 409);
        return Results.Created(new Uri(BaseUrl, "admin/realms/" + Uri.EscapeDataString(name)), null);
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            && _tokens.TryGetValue(header["Bearer ".Length..], out var expires)
            && expires > DateTimeOffset.UtcNow;
    }

    private IResult? TakeFailure()
    {
        lock (_failureGate)
        {
            if (_failuresLeft == 0) return null;
            _failuresLeft--;
            return Results.Json(new { errorMessage = _failureMessage }, statusCode: (int)_failureStatus);
        }
    }

    private static JsonObject Brief(JsonObject realm) => new()
    {
        ["id"] = realm["id"]?.DeepClone(),
        ["realm"] = realm["realm"]?.DeepClone(),
        ["displayName"] = realm["displayName"]?.DeepClone(),
        ["enabled"] = realm["enabled"]?.DeepClone(),
    };
}
