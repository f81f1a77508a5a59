#!/usr/bin/perl
# Copies the runner's stderr to this process's stdout, leaving out the lines TensorFlow's native
# code writes at start-up whatever TF_CPP_MIN_LOG_LEVEL says (they are noise to a user, and Java's
# logging settings cannot reach them):
#   WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
#   I0000 00:00:... mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled
#   E0000 00:00:... cuda_fft.cc:477] Unable to register cuFFT factory: ... (and cuDNN, cuBLAS: the GPU build)
# Every other byte passes through as soon as it arrives, partial lines included (progress bars
# redraw one line with \r); only a partial line that may still become one of those lines is held
# until its end. Signals are the JVM's business: bin/runner starts this with them ignored.
use strict;
use warnings;

my $warning = 'WARNING: All log messages before absl::InitializeLog() is called are written to STDERR';
my $absl = qr/^[IWE]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ /;
my $known = qr/mlir_graph_optimization_pass\.cc:\d+\] MLIR V1 optimization pass is not enabled|\] Unable to register (?:cuFFT|cuDNN|cuBLAS) factory:|\] computation placer already registered/;

sub startup_line {
    my ($line) = @_;
    $line =~ s/\r?\n\z//;
    return $line eq $warning || ($line =~ $absl && $line =~ $known);
}

# Could this partial line (no newline yet) still turn out to be a start-up line?
sub maybe_startup_line {
    my ($partial) = @_;
    return 0 if length($partial) > 4096;
    return 1 if substr($warning, 0, length($partial)) eq $partial;
    return $partial =~ /^[IWE]\d{0,4}\z/ || $partial =~ /^[IWE]\d{4} [^\r]*\z/;
}

$| = 1;
binmode(STDIN);
binmode(STDOUT);
my $held = '';          # the start of a line not yet known to be passed
my $passing = 0;        # the current line is being passed through
while (1) {
    my $n = sysread(STDIN, my $chunk, 65536);
    last unless $n;     # end of input (or an error): nothing more to copy
    my $data = $held . $chunk;
    $held = '';
    my $out = '';
    while (length $data) {
        my $nl = index($data, "\n");
        if ($passing) {
            if ($nl < 0) { $out .= $data; $data = ''; last; }
            $out .= substr($data, 0, $nl + 1, '');
            $passing = 0;
            next;
        }
        if ($nl >= 0) {
            my $line = substr($data, 0, $nl + 1, '');
            $out .= $line unless startup_line($line);
            next;
        }
        if (maybe_startup_line($data)) { $held = $data; }
        else { $out .= $data; $passing = 1; }
        $data = '';
    }
    print $out if length $out;
}
print $held if length $held;
