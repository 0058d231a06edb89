using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>Deterministic hash of a bookmark or trigger: its name plus its payload's compact JSON.</summary>
public static class BookmarkHash
{
    public static string Compute(string name, JsonNode? payload)
    {
        var text = $"{name}:{payload?.ToJsonString() ?? "null"}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
