using Kiln.Builder;
using Spectre.Console;

namespace Kiln.Cli.Commands;

/// <summary>Shows a build's progress: a live bar on a terminal, one line per step when output is redirected (CI logs).</summary>
internal static class BuildProgressView
{
    public static async Task<BuildReport> RunAsync(ImageBuilder builder, BuildRequest request, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = "";
            var plain = new Progress<BuildProgress>(p =>
            {
                var line = $"{p.Stage}: {p.Message}";
                if (line == last) return;
                last = line;
                Console.WriteLine($"[{p.Percent,5:0.0}%] {line}");
            });
            return await builder.BuildAsync(request, new SynchronousProgress(plain), cancellationToken).ConfigureAwait(false);
        }

        BuildReport? report = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("planning", maxValue: 100);
                var live = new SynchronousProgress(new Progress<BuildProgress>(p =>
                {
                    task.Value = p.Percent;
                    task.Description = Markup.Escape($"{p.Stage}: {Shorten(p.Message)}");
                }));
                report = await builder.BuildAsync(request, live, cancellationToken).ConfigureAwait(false);
                task.Value = 100;
                task.Description = "done";
            }).ConfigureAwait(false);
        return report!;
    }

    private static string Shorten(string message) => message.Length > 60 ? message[..57] + "..." : message;

    /// <summary>Reports on the caller's thread: Progress&lt;T&gt; would post to the thread pool and reorder updates.</summary>
    private sealed class SynchronousProgress(IProgress<BuildProgress> inner) : IProgress<BuildProgress>
    {
        private readonly Lock _gate = new();

        public void Report(BuildProgress value)
        {
            lock (_gate)
                inner.Report(value);
        }
    }
}
