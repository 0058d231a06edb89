namespace Workflows.Hosting.Triggers.Http;

/// <summary>A request body read within its size limit; <see cref="TooLarge"/> when it went past it.</summary>
public sealed record HttpRequestBody(ReadOnlyMemory<byte> Bytes, bool TooLarge)
{
    public static HttpRequestBody Oversized { get; } = new(ReadOnlyMemory<byte>.Empty, true);
}
