using Kiln.Builder.Formats;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>qemu-img</c>. Converts the raw disk to each format and checks the results.</summary>
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
}
