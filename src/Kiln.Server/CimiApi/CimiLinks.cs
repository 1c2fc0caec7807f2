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
}
