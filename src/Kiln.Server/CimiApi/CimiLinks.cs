using System.Globalization;

namespace Kiln.Server.CimiApi;

/// <summary>Absolute hrefs, all beginning with the CEP's baseURI (clients cut baseURI off the front of hrefs).</summary>
internal sealed class CimiLinks(HttpRequest request)
{
    /// <summary>The service root as the client reached it: scheme, host and path base.</summary>
    public string Root { get; } = $"{request.Scheme}://{request.Host}{request.PathBase}/";

    public string Base => Root + "cimi/";

    public string CloudEntryPoint => Base + "cloudEntryPoint";

    public string MachineImages => Base + "machine_images";

    public string MachineImage(long id) => MachineImages + "/" + id.ToString(CultureInfo.InvariantCulture);

    public string Jobs => Base + "jobs";

    public string Job(Guid id) => Jobs + "/" + id.ToString("D");

    public string Machines => Base + "machines";

    public string Machine(long id) => Machines + "/" + id.ToString(CultureInfo.InvariantCulture);

    public string MachineDisks(long id) => Machine(id) + "/disks";

    public string MachineConfigs => Base + "machine_configs";

    public string MachineConfig(long id) => MachineConfigs + "/" + id.ToString(CultureInfo.InvariantCulture);

    public string MachineTemplates => Base + "machine_templates";

    public string MachineTemplate(long id) => MachineTemplates + "/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The id in an href of <paramref name="collection"/> ("machine_configs"): absolute or not, whatever host it names
    /// (a client may reach Kiln by another name than the one it was told); null when it is no such href.
    /// </summary>
    public static long? IdIn(string? href, string collection)
    {
        if (string.IsNullOrWhiteSpace(href))
            return null;
        var path = Uri.TryCreate(href.Trim(), UriKind.Absolute, out var uri) ? uri.AbsolutePath : href.Trim();
        var marker = "/cimi/" + collection + "/";
        var at = path.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var rest = path[(at + marker.Length)..].TrimEnd('/');
        return rest.Length is > 0 and <= 18 && long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
