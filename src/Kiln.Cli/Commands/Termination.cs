using System.Runtime.InteropServices;

namespace Kiln.Cli.Commands;

/// <summary>Turns Ctrl+C and SIGTERM into cancellation, so a build stops its tools and cleans up before exiting.</summary>
internal sealed class Termination : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public Termination()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
    }

    public CancellationToken Token => _source.Token;

    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _source.Dispose();
    }
}
