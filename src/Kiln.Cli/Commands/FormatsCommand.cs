using System.CommandLine;
using Kiln.Builder.Formats;
using Spectre.Console;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln formats</c>: the formats a build can produce.</summary>
internal static class FormatsCommand
{
    public static Command Create()
    {
        var command = new Command("formats", "List the image formats Kiln builds.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("format", "file", "for");
            foreach (var format in TargetFormats.All)
                table.AddRow(format.Name, "*." + format.Extension, Markup.Escape(format.Platforms));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
