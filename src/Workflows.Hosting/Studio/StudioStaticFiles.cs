using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Workflows.Hosting.Studio;

/// <summary>
/// Serves the bundle under <c>/studio</c> byte for byte. Blazor checks SRI hashes of what it loads, so nothing may
/// transform the files. The <c>.br</c>/<c>.gz</c> siblings are not served: served as plain files they would lack the
/// <c>Content-Encoding</c> the loader expects, and the loader never asks for them itself.
/// </summary>
public static class StudioStaticFiles
{
    public const string RequestPath = "/studio";

    public static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".dat"] = "application/octet-stream"; // ICU data (icudt*.dat)
        types.Mappings[".webmanifest"] = "application/manifest+json";
        types.Mappings[".map"] = "application/json";
        types.Mappings[".json"] = "application/json";
        types.Mappings[".js"] = "text/javascript";
        types.Mappings[".mjs"] = "text/javascript";
        types.Mappings[".woff2"] = "font/woff2";
        types.Mappings[".cur"] = "image/x-icon";
        types.Mappings[".scss"] = "text/x-scss";
        types.Mappings.Remove(".br");
        types.Mappings.Remove(".gz");
        return types;
    }

    /// <summary>Adds the static file mount when the bundle folder exists; without it the host pages explain how to install it.</summary>
    public static IApplicationBuilder UseStudioBundle(this IApplicationBuilder app, StudioBundle bundle)
    {
        if (!Directory.Exists(bundle.Root))
            return app;
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = RequestPath,
            FileProvider = new PhysicalFileProvider(bundle.Root),
            ContentTypeProvider = CreateContentTypes(),
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context =>
                // Resource names are not all fingerprinted (e.g. blazor.webassembly.js): revalidate rather than serve stale code.
                context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
