using Kiln.Builder.Formats;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>qemu-img</c>. Converts the raw disk to each format and checks the results; describes and checks imported images.</summary>
public static class QemuImg
{
    /// <summary>qemu-img check's exit code for "this format cannot be checked".</summary>
    public const int CheckNotSupported = 63;

    public static ToolInvocation Convert(string rawDisk, TargetFormat format, string output)
    {
        var arguments = new List<string> { "convert", "-f", "raw", "-O", format.QemuFormat! };
        if (format.QemuOptions is { } options)
            arguments.AddRange(["-o", options]);
        arguments.AddRange([rawDisk, output]);
        return new ToolInvocation("qemu-img", arguments);
    }

    public static ToolInvocation Check(string image, string qemuFormat) =>
        new("qemu-img", ["check", "-f", qemuFormat, image]) { AcceptedExitCodes = [0, CheckNotSupported] };

    /// <summary>
    /// Describes an image as JSON (virtual-size, format, backing-filename, format-specific), probing its format.
    /// Backing files are not opened, but a VMDK descriptor's extents and a qcow2 external data file are: look at the
    /// file's header before describing a file from elsewhere.
    /// </summary>
    public static ToolInvocation Info(string image) => new("qemu-img", ["info", "--output=json", image]);

    /// <summary>
    /// Checks an image without repairing it and returns every outcome qemu-img check documents instead of throwing:
    /// 0 no errors, 1 not checked (an internal error), 2 corrupt, 3 leaked clusters only (no corruption),
    /// <see cref="CheckNotSupported"/>. Other codes (killed) still throw.
    /// </summary>
    public static ToolInvocation Examine(string image, string qemuFormat) =>
        new("qemu-img", ["check", "-f", qemuFormat, image]) { AcceptedExitCodes = [0, 1, 2, 3, CheckNotSupported] };
}
