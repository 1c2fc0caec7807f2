using Kiln.Catalog;
using Kiln.UForge;

namespace Kiln.Server.UForgeApi;

internal static class TargetFormatEndpoints
{
    public static void MapTargetFormatEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/users/{uid}/targetformats", GetAll).WithName("userTargetFormat_getAll")
            .WithSummary("The target formats a user can generate images in, by UForge name");
    }

    private static UForgeDocumentResult GetAll(string uid) => new(new TargetFormats
    {
        Items = [.. TargetFormatCatalog.All.Select(t => Document(t, uid))],
        Total = TargetFormatCatalog.All.Count,
    });

    internal static TargetFormat Document(TargetFormatEntry entry, string uid) => new()
    {
        DbId = entry.Id,
        Name = entry.Name,
        Format = new ImageFormat { Name = entry.ImageFormat, Active = true, Access = true },
        Type = entry.Type,
        Active = true,
        Access = true,
        Uri = $"users/{uid}/targetformats/{entry.Id}",
    };
}
