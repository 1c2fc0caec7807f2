namespace Kiln.Cimi;

/// <summary>The namespaces and resource type URIs of the CIMI wire format (DSP0263 1.0.1, schema DSP8009).</summary>
public static class CimiUris
{
    /// <summary>The CIMI namespace: the default namespace of every XML document, and the prefix of resource URIs.</summary>
    public const string Namespace = "http://schemas.dmtf.org/cimi/1";

    /// <summary>
    /// Kiln's own namespace, for what CIMI's schema has no place for: the CEP's <c>driver</c> and <c>provider</c>
    /// elements and the error document.
    /// </summary>
    public const string KilnNamespace = "urn:kiln:cimi:1";

    public const string CloudEntryPoint = Namespace + "/CloudEntryPoint";
    public const string MachineImage = Namespace + "/MachineImage";
    public const string MachineImageCollection = Namespace + "/MachineImageCollection";
    public const string MachineImageCreate = Namespace + "/MachineImageCreate";
    public const string Job = Namespace + "/Job";
    public const string JobCollection = Namespace + "/JobCollection";
    public const string Machine = Namespace + "/Machine";
    public const string MachineCollection = Namespace + "/MachineCollection";
    public const string MachineCreate = Namespace + "/MachineCreate";
    public const string Disk = Namespace + "/Disk";
    public const string DiskCollection = Namespace + "/DiskCollection";
    public const string MachineConfiguration = Namespace + "/MachineConfiguration";
    public const string MachineConfigurationCollection = Namespace + "/MachineConfigurationCollection";
    public const string MachineConfigurationCreate = Namespace + "/MachineConfigurationCreate";
    public const string MachineTemplate = Namespace + "/MachineTemplate";
    public const string MachineTemplateCollection = Namespace + "/MachineTemplateCollection";
    public const string MachineTemplateCreate = Namespace + "/MachineTemplateCreate";
    public const string Action = Namespace + "/Action";

    /// <summary>The <c>rel</c> of a Machine's operation that makes a MachineImage of it (its href: the images' add href).</summary>
    public const string CaptureAction = Namespace + "/action/capture";

    /// <summary>The <c>rel</c> of a Machine's operation that starts it, and the <c>action</c> of the body that asks for it.</summary>
    public const string StartAction = Namespace + "/action/start";

    /// <summary>The <c>rel</c> of a Machine's operation that stops it, and the <c>action</c> of the body that asks for it.</summary>
    public const string StopAction = Namespace + "/action/stop";

    /// <summary>The <c>rel</c> of a Machine's operation that restarts it, and the <c>action</c> of the body that asks for it.</summary>
    public const string RestartAction = Namespace + "/action/restart";
}
