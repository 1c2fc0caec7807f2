namespace Kiln.Server.Hosting;

/// <summary>The service's settings (configuration section "Kiln", or KILN_ environment variables).</summary>
public sealed class KilnOptions
{
    /// <summary>Catalog database, artefacts and caches of the embedded deployment.</summary>
    public string DataDirectory { get; set; } = "var";

    /// <summary>The admin's password on first start; generated and printed once when not set.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Largest request body accepted (documents are small; images are never uploaded here).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The UForge API version clients compare with theirs at start (hammr reads serviceStatus.version).</summary>
    public string UForgeApiVersion { get; set; } = "3.8.13";
}
